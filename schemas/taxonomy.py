"""The fixed sector taxonomy every extracted sector is mapped to."""

from enum import Enum


class SectorLabel(str, Enum):
    """A field of cooperation. Values are stable identifiers; `SECTOR_NAMES` gives readable names."""

    agriculture_food = "agriculture_food"
    digital_government_ict = "digital_government_ict"
    smes_cooperatives = "smes_cooperatives"
    tourism_culture = "tourism_culture"
    labour_migrant_workers = "labour_migrant_workers"
    trade_investment = "trade_investment"
    education_human_resources = "education_human_resources"
    health = "health"
    infrastructure_transport = "infrastructure_transport"
    environment_waste_water = "environment_waste_water"
    natural_resources_energy = "natural_resources_energy"
    governance_administration = "governance_administration"
    security_disaster = "security_disaster"
    other = "other"


SECTOR_NAMES: dict[SectorLabel, dict[str, str]] = {
    SectorLabel.agriculture_food: {"en": "Agriculture and food", "id": "Pertanian dan pangan"},
    SectorLabel.digital_government_ict: {"en": "Digital government and ICT", "id": "Pemerintahan digital dan TIK"},
    SectorLabel.smes_cooperatives: {"en": "SMEs and cooperatives", "id": "UMKM dan koperasi"},
    SectorLabel.tourism_culture: {"en": "Tourism and culture", "id": "Pariwisata dan budaya"},
    SectorLabel.labour_migrant_workers: {"en": "Labour and migrant workers", "id": "Ketenagakerjaan dan pekerja migran"},
    SectorLabel.trade_investment: {"en": "Trade and investment", "id": "Perdagangan dan investasi"},
    SectorLabel.education_human_resources: {"en": "Education and human resources", "id": "Pendidikan dan SDM"},
    SectorLabel.health: {"en": "Health", "id": "Kesehatan"},
    SectorLabel.infrastructure_transport: {"en": "Infrastructure and transport", "id": "Infrastruktur dan transportasi"},
    SectorLabel.environment_waste_water: {"en": "Environment, waste and water", "id": "Lingkungan, sampah dan air"},
    SectorLabel.natural_resources_energy: {"en": "Natural resources and energy", "id": "Sumber daya alam dan energi"},
    SectorLabel.governance_administration: {"en": "Governance and administration", "id": "Tata kelola dan administrasi"},
    SectorLabel.security_disaster: {"en": "Security and disaster management", "id": "Keamanan dan penanggulangan bencana"},
    SectorLabel.other: {"en": "Other", "id": "Lainnya"},
}

# Word stems (lower case, matched at the start of a word) that place an article's own wording in the
# taxonomy. Order matters: the first label whose stem matches wins, so specific stems come first.
SECTOR_STEMS: list[tuple[SectorLabel, tuple[str, ...]]] = [
    (SectorLabel.smes_cooperatives, ("umkm", "ukm", "koperasi", "usaha mikro", "usaha kecil", "wirausaha",
                                     "kewirausahaan", "sme", "msme", "cooperative", "small business", "ekonomi kreatif")),
    (SectorLabel.digital_government_ict, ("digital", "aplikasi", "teknologi informasi", "tik", "ict", "e-gov",
                                          "smart city", "kota cerdas", "informatika", "siber", "internet", "data ")),
    (SectorLabel.labour_migrant_workers, ("tenaga kerja", "ketenagakerjaan", "pekerja", "buruh", "migran", "labour",
                                          "labor", "worker", "employment", "lapangan kerja", "pmi")),
    (SectorLabel.agriculture_food, ("pangan", "pertanian", "petani", "perkebunan", "peternakan", "perikanan", "beras",
                                    "padi", "jagung", "hortikultura", "food", "agricultur", "farm", "fisher",
                                    "kelautan", "nelayan", "sembako", "inflasi", "komoditas", "sapi", "ternak")),
    (SectorLabel.tourism_culture, ("pariwisata", "wisata", "budaya", "kebudayaan", "seni", "touris", "tourism",
                                   "culture", "cultural", "olahraga", "sport", "motogp", "festival", "sister city",
                                   "kota kembar", "pertukaran pelajar", "heritage")),
    (SectorLabel.trade_investment, ("perdagangan", "dagang", "investasi", "ekspor", "impor", "pasar", "trade",
                                    "invest", "export", "ekonomi", "economic", "industri", "industry", "bisnis",
                                    "business", "bumd", "perindustrian", "penanaman modal")),
    (SectorLabel.education_human_resources, ("pendidikan", "sekolah", "pelajar", "mahasiswa", "universitas",
                                             "sumber daya manusia", "sdm", "pelatihan", "beasiswa", "education",
                                             "school", "student", "training", "human resource", "pengetahuan",
                                             "knowledge", "studi banding", "comparative study")),
    (SectorLabel.health, ("kesehatan", "rumah sakit", "puskesmas", "stunting", "health", "hospital", "medis",
                          "medical", "obat")),
    (SectorLabel.infrastructure_transport, ("infrastruktur", "transportasi", "jalan", "jembatan", "pelabuhan",
                                            "bandara", "konektivitas", "perhubungan", "infrastructure", "transport",
                                            "road", "port", "airport", "connectivity", "kemacetan", "macet",
                                            "perumahan", "ibu kota", "ikn", "pembangunan")),
    (SectorLabel.environment_waste_water, ("lingkungan", "sampah", "limbah", "air bersih", "air minum", "banjir",
                                           "sanitasi", "karbon", "hijau", "environment", "waste", "water", "flood",
                                           "climate", "iklim", "hutan", "forest")),
    (SectorLabel.natural_resources_energy, ("sumber daya alam", "energi", "listrik", "tambang", "pertambangan",
                                            "migas", "minyak", "gas", "energy", "mining", "natural resource",
                                            "batu bara", "batubara")),
    (SectorLabel.security_disaster, ("keamanan", "bencana", "kebakaran", "pertahanan", "security", "disaster",
                                     "ketertiban", "narkoba", "perbatasan", "border")),
    (SectorLabel.governance_administration, ("pemerintahan", "administrasi", "tata kelola", "birokrasi",
                                             "pelayanan publik", "anggaran", "legislasi", "perda", "regulasi",
                                             "kebijakan", "governance", "administration", "public service",
                                             "budget", "legislat", "kepegawaian", "aparatur", "pengawasan")),
]


def label_for_phrase(phrase: str) -> SectorLabel:
    """Map a sector phrase in the article's words to the taxonomy by its first matching stem."""
    text = " " + " ".join(phrase.lower().split()) + " "
    for label, stems in SECTOR_STEMS:
        for stem in stems:
            if (" " + stem) in text or ("-" + stem) in text or ("(" + stem) in text:
                return label
    return SectorLabel.other

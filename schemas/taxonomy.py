"""The fixed sector taxonomy every extracted sector is mapped to. The word stems that place an article's own
wording in it are data, with the vocabulary (`service/data/sectors.json`, `service.vocabulary.label_for_phrase`)."""

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

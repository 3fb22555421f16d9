"""The memo: a briefing memo built from summaries (`briefing`), its renderers (`render`: Markdown, HTML,
Word), and one summary as Markdown (`summary_markdown`)."""

"""The memo: a briefing memo built from summaries (`briefing`), its renderers (`markdown`, `html`, `word`, sharing
`text`), and one summary as Markdown (`summary_markdown`)."""

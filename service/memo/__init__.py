"""The memo: a briefing memo built from summaries (`briefing`, with its `executive_summary`), its renderers
(`markdown`, `html`, `word`, sharing `text`), and one summary as Markdown (`summary_markdown`)."""

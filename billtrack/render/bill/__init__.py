"""The whole text of a bill at a version (`billtrack text`): Markdown, HTML, DOCX."""

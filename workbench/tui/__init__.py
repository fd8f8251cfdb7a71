"""The Textual translator app: review drafts side by side, glossary and QA live."""

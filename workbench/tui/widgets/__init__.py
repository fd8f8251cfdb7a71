"""The main screen's widgets: segment list, segment editor, suggestions and findings."""

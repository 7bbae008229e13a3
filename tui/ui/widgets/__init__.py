"""The browser's widgets: day list, paper list, detail pane, search bar."""

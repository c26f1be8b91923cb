"""PySide6 widgets that show engine results; no text decisions are made here."""

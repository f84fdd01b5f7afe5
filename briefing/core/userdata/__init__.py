"""The reader's own notes, bookmarks and place, kept in SQLite outside the content folder."""

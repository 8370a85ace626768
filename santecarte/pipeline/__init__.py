"""Raw files → DuckDB: the sources and their readers, the download, the build (one database
written to a temporary file and swapped), the mapping to current communes, the terrain, and
what the engine reads from the store. Uses accessibility and core; never domain or views."""

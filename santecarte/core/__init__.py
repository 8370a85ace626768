"""The floor every room stands on: configuration, the DuckDB connection and its named queries,
INSEE codes, commune names, the one number format, the form of user files. Imports no room."""

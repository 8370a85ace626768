-- Data imported by users, in data/user.duckdb: never touched by a rebuild of santecarte.duckdb.
-- Commune codes refer to the current COG of the main database.

-- An official zonage imported by an ARS officer (replaces the indicative one where present).
CREATE TABLE IF NOT EXISTS imported_zonage (
    import_id VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL,
    zonage VARCHAR NOT NULL CHECK (zonage IN ('ZIP', 'ZAC', 'ZV', 'HZ')),
    source VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (import_id, commune_code)
);

-- A territory drawn or uploaded by a user (CPTS project, study area).
CREATE TABLE IF NOT EXISTS perimeters (
    perimeter_id VARCHAR NOT NULL,
    nom VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (perimeter_id, commune_code)
);

-- A saved « what if » scenario, as its JSON document.
CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id VARCHAR PRIMARY KEY,
    nom VARCHAR NOT NULL,
    document JSON NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

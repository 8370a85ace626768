-- Creates the user store's tables where missing, in data/user.duckdb (at the first connection of
-- each process, santecarte/domain/userdata.py): data imported by users, never touched by a
-- rebuild of santecarte.duckdb. Commune codes refer to the current COG of the main database.
-- Parameters: none.

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

-- Every publication or removal of what all visitors see (zonage imports), by an editor. Never
-- updated nor deleted by the application. `editor`: « e-mail (compte local) » or « e-mail
-- (fournisseur d'identité) »; `file_sha256`: SHA-256 of the file's bytes as uploaded (copied from
-- the publication onto its removal; NULL for an import published before this log existed).
CREATE TABLE IF NOT EXISTS audit_log (
    entry_id VARCHAR PRIMARY KEY,
    logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    editor VARCHAR NOT NULL,
    action VARCHAR NOT NULL CHECK (action IN ('publication', 'retrait')),
    import_id VARCHAR NOT NULL,
    source VARCHAR,
    file_name VARCHAR,
    file_sha256 VARCHAR,
    n_communes INTEGER NOT NULL,
    commune_codes VARCHAR[] NOT NULL
);

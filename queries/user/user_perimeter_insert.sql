-- Stores a perimeter, one row per commune. Returns nothing.
-- Parameters: $perimeter_id (new id), $nom (its name), $codes (commune codes, VARCHAR[]).
INSERT INTO perimeters (perimeter_id, nom, commune_code)
SELECT $perimeter_id, $nom, unnest($codes::VARCHAR[]);

INSERT INTO perimeters (perimeter_id, nom, commune_code)
SELECT $perimeter_id, $nom, unnest($codes::VARCHAR[]);

-- The stored perimeters, by name.
-- Returns: perimeter_id, nom, codes (VARCHAR[]). Parameters: none.
SELECT perimeter_id, nom, list(commune_code ORDER BY commune_code) AS codes
FROM perimeters
GROUP BY perimeter_id, nom
ORDER BY nom;

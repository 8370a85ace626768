-- The department (the most populous among the perimeter's communes) and region of a perimeter.
-- Returns one row: departement_code, departement_nom, region_code, region_nom.
-- Parameters: $codes (commune codes of the perimeter, VARCHAR[]).
SELECT c.departement_code, d.nom AS departement_nom, c.region_code, r.nom AS region_nom
FROM communes c
JOIN departements d ON d.code = c.departement_code
JOIN regions r ON r.code = c.region_code
WHERE list_contains($codes::VARCHAR[], c.code)
GROUP BY ALL
ORDER BY sum(c.population) DESC NULLS LAST
LIMIT 1;

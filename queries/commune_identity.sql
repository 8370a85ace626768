-- Who a commune is: names of its department and region, its legal population, and its APL
-- units (itself, or the arrondissements of Paris, Lyon, Marseille).
SELECT c.code, c.nom, c.kind, c.apl_unit, c.parent_code, c.population, c.departement_code,
       d.nom AS departement, c.region_code, r.nom AS region,
       CASE WHEN c.apl_unit THEN [c.code]
            ELSE (SELECT list(u.code ORDER BY u.code) FROM communes u WHERE u.parent_code = c.code) END AS units
FROM communes c
JOIN departements d ON d.code = c.departement_code
JOIN regions r ON r.code = c.region_code
WHERE c.code = $code;

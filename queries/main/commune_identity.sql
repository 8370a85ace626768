-- Who a commune is: names of its department and region, its legal population, and its APL units
-- (itself, or the arrondissements of Paris, Lyon, Marseille). One row, none for an unknown code.
-- Returns: code, nom, kind ('COM'|'ARM'), apl_unit, parent_code, population, departement_code,
-- departement, region_code, region, units (APL unit codes, VARCHAR[]).
-- Parameters: $code (current commune or arrondissement code).
SELECT c.code, c.nom, c.kind, c.apl_unit, c.parent_code, c.population, c.departement_code,
       d.nom AS departement, c.region_code, r.nom AS region,
       CASE WHEN c.apl_unit THEN [c.code]
            ELSE (SELECT list(u.code ORDER BY u.code) FROM communes u WHERE u.parent_code = c.code) END AS units
FROM communes c
JOIN departements d ON d.code = c.departement_code
JOIN regions r ON r.code = c.region_code
WHERE c.code = $code;

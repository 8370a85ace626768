-- Per department of a region: communes (arrondissements in PLM cities) covered by at least one
-- CPTS, and the population covered, each counted once even when split between several CPTS.
-- Returns: departement_code, nom, n_communes, n_couvertes, population, population_couverte.
-- Parameters: $region (region code).
WITH units AS (
    SELECT c.code, c.departement_code, c.population,
           EXISTS (SELECT 1 FROM cpts_communes m WHERE m.commune_code = c.code) AS couverte
    FROM communes c
    WHERE c.apl_unit AND c.region_code = $region
)
SELECT u.departement_code, d.nom,
       count(*) AS n_communes, count(*) FILTER (WHERE couverte) AS n_couvertes,
       sum(population) AS population, coalesce(sum(population) FILTER (WHERE couverte), 0) AS population_couverte
FROM units u JOIN departements d ON d.code = u.departement_code
GROUP BY ALL
ORDER BY u.departement_code;

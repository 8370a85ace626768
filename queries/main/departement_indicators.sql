-- Every department with its indicators aggregated from its communes, by DREES rules (APL means
-- weighted by standardised population), and its contour: the whole-France map.
-- Returns: code, nom (« code — nom »), apl_2021, apl_2022, apl_2023, apl65_2021, apl65_2022, apl65_2023,
-- apl_santecarte,
-- besoin (standardised / total population 2023), population, sites_10k (GP activities per 10,000
-- inhabitants, NULL where sites are not loaded), geometry (GeoJSON).
-- Parameters: none.
WITH per_commune AS (
    SELECT c.departement_code, c.region_code, c.population,
           a21.apl AS apl_2021, a21.apl_moins65 AS apl65_2021, a21.pop_std AS std21,
           a22.apl AS apl_2022, a22.apl_moins65 AS apl65_2022, a22.pop_std AS std22,
           a23.apl AS apl_2023, a23.apl_moins65 AS apl65_2023, a23.pop_std AS std23, a23.pop_totale AS tot23,
           s.apl AS apl_santecarte,
           coalesce(n.n_activites, 0) AS n_activites
    FROM communes c
    LEFT JOIN gp_site_counts n ON n.commune_code = c.code
    LEFT JOIN apl_generalistes a21 ON a21.code = c.code AND a21.year = 2021
    LEFT JOIN apl_generalistes a22 ON a22.code = c.code AND a22.year = 2022
    LEFT JOIN apl_generalistes a23 ON a23.code = c.code AND a23.year = 2023
    LEFT JOIN apl_santecarte s ON s.code = c.code AND s.year = 2023
    WHERE c.apl_unit
), agg AS (
    SELECT departement_code AS code,
           sum(apl_2021 * std21) / nullif(sum(std21) FILTER (WHERE apl_2021 IS NOT NULL), 0) AS apl_2021,
           sum(apl65_2021 * std21) / nullif(sum(std21) FILTER (WHERE apl65_2021 IS NOT NULL), 0) AS apl65_2021,
           sum(apl_2022 * std22) / nullif(sum(std22) FILTER (WHERE apl_2022 IS NOT NULL), 0) AS apl_2022,
           sum(apl_2023 * std23) / nullif(sum(std23) FILTER (WHERE apl_2023 IS NOT NULL), 0) AS apl_2023,
           sum(apl65_2022 * std22) / nullif(sum(std22) FILTER (WHERE apl65_2022 IS NOT NULL), 0) AS apl65_2022,
           sum(apl65_2023 * std23) / nullif(sum(std23) FILTER (WHERE apl65_2023 IS NOT NULL), 0) AS apl65_2023,
           sum(apl_santecarte * std23) / nullif(sum(std23) FILTER (WHERE apl_santecarte IS NOT NULL), 0)
               AS apl_santecarte,
           sum(std23) / nullif(sum(tot23), 0) AS besoin,
           sum(population) AS population,
           CASE WHEN any_value(region_code) IN (SELECT region_code FROM gp_site_regions)
                THEN sum(n_activites) / nullif(sum(population), 0) * 10000 END AS sites_10k
    FROM per_commune
    GROUP BY departement_code
)
SELECT d.code, d.code || ' — ' || d.nom AS nom, a.* EXCLUDE (code),
       ST_AsGeoJSON(d.geom) AS geometry
FROM departements d JOIN agg a USING (code)
WHERE d.geom IS NOT NULL
ORDER BY d.code;

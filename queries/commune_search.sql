-- Communes matching what a user typed, best first. $key: the text normalised (search.normalise);
-- $pattern: a LIKE pattern of its words in order; $code: the text when it looks like an INSEE or
-- postal code, else NULL; $apl_only: only APL units (arrondissements instead of Paris, Lyon,
-- Marseille); $limit. Rank: INSEE code, postal code, former code (merged commune), exact name,
-- name starting with the text, name holding its words in order; then by population.
WITH hits AS (
    SELECT code, 0 AS rank, 'code INSEE' AS via FROM communes WHERE code = $code
    UNION ALL
    SELECT commune_code, 1, 'code postal ' || code_postal FROM codes_postaux WHERE code_postal = $code
    UNION ALL
    SELECT code, 2, 'ancien code ' || old_code || ' (commune fusionnée)' FROM cog_old_codes WHERE old_code = $code
    UNION ALL
    SELECT code, CASE WHEN nom_search = $key THEN 3 WHEN starts_with(nom_search, $key) THEN 4 ELSE 5 END, NULL
    FROM communes
    WHERE $key <> '' AND nom_search LIKE $pattern
)
SELECT c.code, c.nom, c.departement_code, d.nom AS departement, c.population, min(h.rank) AS rank,
       arg_min(h.via, h.rank) AS via
FROM hits h
JOIN communes c USING (code)
JOIN departements d ON d.code = c.departement_code
WHERE c.apl_unit OR NOT $apl_only
GROUP BY ALL
ORDER BY rank, c.population DESC NULLS LAST, c.nom, c.code
LIMIT $limit;

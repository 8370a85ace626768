-- The DREES APL of every APL unit of a territory for one profession, year and scope (#17).
-- Returns: code, apl, pop_std, pop_totale.
-- Parameters: $level ('france'|'region'|'departement'), $code (region or department code; ignored
-- for 'france'), $profession (santecarte/core/professions.py), $year, $scope ('tous'|'moins65'|'moins62').
SELECT a.code, a.apl, a.pop_std, a.pop_totale
FROM communes c
JOIN apl a ON a.code = c.code AND a.profession = $profession AND a.year = $year AND a.scope = $scope
WHERE c.apl_unit
  AND CASE $level WHEN 'france' THEN TRUE
                  WHEN 'region' THEN c.region_code = $code
                  WHEN 'departement' THEN c.departement_code = $code END
ORDER BY a.code;

-- Every department's mean APL for one profession, year and scope, by the DREES rule (weighted by
-- standardised population), from the means built once: the whole-France map of a profession (#17).
-- Returns: code (department), apl.
-- Parameters: $profession, $year, $scope.
SELECT code, apl_moyen AS apl
FROM apl_territory_means
WHERE level = 'departement' AND profession = $profession AND year = $year AND scope = $scope
ORDER BY code;

-- Bounds of the national quintiles of the APL units for one profession, year and scope: the classes
-- of the professions that have no threshold of their own (#17).
-- Returns one row: q20, q40, q60, q80.
-- Parameters: $profession, $year, $scope.
SELECT quantile_cont(a.apl, 0.2) AS q20, quantile_cont(a.apl, 0.4) AS q40,
       quantile_cont(a.apl, 0.6) AS q60, quantile_cont(a.apl, 0.8) AS q80
FROM apl a JOIN communes c ON c.code = a.code
WHERE c.apl_unit AND a.profession = $profession AND a.year = $year AND a.scope = $scope;

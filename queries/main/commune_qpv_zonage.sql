-- Doctors' zonage of the QPV of a commune (PACA), ZIP first then by name. Marseille's QPV are
-- published for the city: an arrondissement lists its city's QPV, flagged de_la_ville.
-- Returns: qpv_code, qpv_nom, zonage, millesime, de_la_ville.
-- Parameters: $code (commune or arrondissement code).
SELECT q.qpv_code, q.qpv_nom, q.zonage, q.millesime, q.commune_code <> $code AS de_la_ville
FROM zonage_qpv q
WHERE q.commune_code = $code
   OR q.commune_code = (SELECT parent_code FROM communes WHERE code = $code)
ORDER BY q.zonage = 'ZIP' DESC, q.qpv_nom;

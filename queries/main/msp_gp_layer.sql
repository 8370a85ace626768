-- MSP and centres de santé of the GP layer (motif_exclusion IS NULL: not dental, nursing…)
-- located in the given units (FINESS, January 2021), by name.
-- Returns: finess, nom, categorie, commune_code, commune (its name), lon, lat, date_ouverture.
-- Parameters: $codes (APL unit codes, VARCHAR[]).
SELECT m.finess, m.nom, m.categorie, m.commune_code, c.nom AS commune, m.lon, m.lat, m.date_ouverture
FROM msp m
JOIN communes c ON c.code = m.commune_code
WHERE m.motif_exclusion IS NULL
  AND m.commune_code IN (SELECT unnest($codes::VARCHAR[]))
ORDER BY m.nom;

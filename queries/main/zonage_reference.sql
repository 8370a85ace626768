-- The APL units whose official zonage is known — from the open data (PACA: 'ZIP' or 'non ZIP';
-- PLM arrondissements take their city's) or from an editor's publication — with their APL 2023 to
-- GPs aged 65 or less (the indicative zonage's input): the ground truth against which the
-- indicative rule is measured.
-- Returns: code, apl65_2023, officiel (the open data's zonage, NULL where only a publication
-- knows it).
-- Parameters: $codes (the communes of the published imports, VARCHAR[]).
SELECT c.code, a.apl_moins65 AS apl65_2023, coalesce(own.zonage, city.zonage) AS officiel
FROM communes c
LEFT JOIN zonage_communes own ON own.commune_code = c.code
LEFT JOIN zonage_communes city ON city.commune_code = c.parent_code
LEFT JOIN apl_generalistes a ON a.code = c.code AND a.year = 2023
WHERE c.apl_unit
  AND (own.zonage IS NOT NULL OR city.zonage IS NOT NULL OR c.code IN (SELECT unnest($codes::VARCHAR[])));

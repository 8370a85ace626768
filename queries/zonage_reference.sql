-- Every APL unit with its APL 2023 to GPs aged 65 or less (the indicative zonage's input) and
-- its official zonage where the open data has one (PACA: 'ZIP' or 'non ZIP'; PLM arrondissements
-- take their city's), else NULL: the ground truth against which the indicative rule is measured.
-- No parameter.
SELECT c.code, a.apl_moins65 AS apl65_2023, z.zonage AS officiel
FROM communes c
LEFT JOIN apl a ON a.code = c.code AND a.year = 2023
LEFT JOIN zonage_communes z ON z.commune_code = coalesce(
    (SELECT commune_code FROM zonage_communes WHERE commune_code = c.code), c.parent_code)
WHERE c.apl_unit;

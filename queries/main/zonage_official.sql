-- Official zonage of APL units: the commune's own row, else its city's (PLM arrondissements take
-- the zonage published for Paris, Lyon or Marseille); units without one are left out.
-- Returns: code, zonage, source (with its millésime).
-- Parameters: $codes (APL unit codes, VARCHAR[]).
SELECT c.code, z.zonage, z.source || coalesce(' — zonage ' || z.millesime, '') AS source
FROM communes c
JOIN zonage_communes z ON z.commune_code = coalesce(
    (SELECT commune_code FROM zonage_communes WHERE commune_code = c.code), c.parent_code)
WHERE c.code IN (SELECT unnest($codes::VARCHAR[]));

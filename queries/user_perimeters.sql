SELECT perimeter_id, nom, list(commune_code ORDER BY commune_code) AS codes
FROM perimeters
GROUP BY perimeter_id, nom
ORDER BY nom;

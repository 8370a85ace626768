SELECT code, nom FROM departements ORDER BY code;

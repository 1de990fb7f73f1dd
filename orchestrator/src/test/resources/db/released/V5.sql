-- Version 5 keeps the installation's draw key and marks exercises drawn with it.
INSERT INTO installation_key (id, secret, created_at)
  VALUES (1, 'c2VjcmV0LWtleS1vZi10aGUtb2xkLWluc3RhbGxhdGlvbi0xMjM0NTY3ODk=',
          TIMESTAMP WITH TIME ZONE '2026-11-30 00:00:00+00');
INSERT INTO exercise (id, scenario, seed, mode, provider, speed, state, reason, created_at,
                      keyed_draws)
  VALUES ('new5', 'hospital-vpn-ransomware', 9007199254740991, 'CENTRAL', 'libvirt', 1.0, 'DRAFT',
          NULL, TIMESTAMP WITH TIME ZONE '2026-11-30 02:00:00+00', TRUE);

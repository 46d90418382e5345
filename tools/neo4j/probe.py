"""Bolt probe used by selftest.sh: login as neo4j, RETURN 1, optionally create a node,
count :RegistryNeo4jProbe nodes, and check that a wrong password is refused.

usage: probe.py URI PASSWORD (create|count) [EXPECTED_COUNT]
"""
import sys

import neo4j
from neo4j import GraphDatabase


def main() -> int:
    uri, password, action = sys.argv[1], sys.argv[2], sys.argv[3]
    expected = int(sys.argv[4]) if len(sys.argv) > 4 else None
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        driver.verify_connectivity()
        with driver.session() as s:
            one = s.run("RETURN 1 AS x").single()["x"]
            assert one == 1, one
            if action == "create":
                s.run("CREATE (:RegistryNeo4jProbe {at: datetime()})").consume()
            count = s.run("MATCH (p:RegistryNeo4jProbe) RETURN count(p) AS c").single()["c"]
    print(f"probe: login ok, RETURN 1 -> {one}, probe nodes: {count}")
    if expected is not None and count != expected:
        print(f"probe: FAIL expected {expected} probe nodes, got {count}")
        return 1
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password + "-wrong")) as driver:
            driver.verify_connectivity()
    except neo4j.exceptions.AuthError as e:
        print(f"probe: wrong password refused ({e.code})")
    else:
        print("probe: FAIL wrong password accepted")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

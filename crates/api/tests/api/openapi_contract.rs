//! The committed `openapi.yaml` is what the code generates, and it documents every error answer.
use serde_yaml::Value;

const COMMITTED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml"));

#[test]
fn committed_spec_matches_the_code() {
    let generated = hallpass_api::server::spec_yaml();
    assert!(
        generated == COMMITTED,
        "openapi.yaml is out of date: run `cargo run -p hallpass-api -- openapi > openapi.yaml`"
    );
}

#[test]
fn every_reference_resolves() {
    let references: Vec<&str> = COMMITTED
        .lines()
        .filter_map(|line| line.split("$ref: '#/components/").nth(1))
        .map(|rest| rest.trim_end_matches('\''))
        .collect();
    let spec: Value = serde_yaml::from_str(COMMITTED).expect("YAML");
    assert!(!references.is_empty());
    for reference in references {
        let (kind, name) = reference.split_once('/').expect("kind/name");
        assert!(
            spec["components"][kind].get(name).is_some(),
            "#/components/{reference} is referenced but not defined"
        );
    }
}

#[test]
fn every_operation_lists_its_error_answers() {
    let spec: Value = serde_yaml::from_str(COMMITTED).expect("YAML");
    assert_eq!(spec["openapi"].as_str(), Some("3.1.0"));
    let paths = spec["paths"].as_mapping().expect("paths");
    assert!(paths.len() >= 8, "every route is in the spec");
    for (path, item) in paths {
        let path = path.as_str().expect("path");
        for (method, op) in item.as_mapping().expect("operations") {
            let name = format!("{} {path}", method.as_str().unwrap_or("?"));
            let responses = op["responses"].as_mapping().expect("responses");
            let has = |status: &str| responses.contains_key(Value::from(status));
            assert!(
                responses
                    .keys()
                    .any(|s| s.as_str().is_some_and(|s| s.starts_with('2'))),
                "{name}: no success answer"
            );
            if op.get("requestBody").is_some() {
                assert!(
                    has("400") && has("413"),
                    "{name}: a body can be malformed or too large"
                );
            }
            if op.get("security").is_some() {
                assert!(
                    has("401") && has("403"),
                    "{name}: authenticated routes answer 401 and 403"
                );
            }
            if path.contains('{') {
                assert!(
                    has("404"),
                    "{name}: an id can be unknown or another school's"
                );
            }
            assert!(has("500"), "{name}: any route can meet a server fault");
            for (status, response) in responses {
                let status = status.as_str().expect("status");
                if status.starts_with('4') || status.starts_with('5') {
                    let reference = response["$ref"].as_str().unwrap_or_default();
                    assert!(
                        reference.starts_with("#/components/responses/"),
                        "{name} {status}: errors use the shared shape"
                    );
                }
            }
        }
    }
}

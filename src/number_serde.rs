//! Serde of `Option<f64>` that keeps infinities in JSON, which has no infinite numbers:
//! +∞ is written "inf" and −∞ "-inf" (serde_json would write null and lose them).
use serde::{Deserialize, Deserializer, Serializer};

/// Writes a number, null, or "inf" / "-inf".
pub fn serialize<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(x) if x.is_infinite() => s.serialize_str(if *x > 0.0 { "inf" } else { "-inf" }),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// Reads what `serialize` writes.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Plain(f64),
        Text(String),
    }
    match Option::<Number>::deserialize(d)? {
        None => Ok(None),
        Some(Number::Plain(x)) => Ok(Some(x)),
        Some(Number::Text(t)) if t == "inf" => Ok(Some(f64::INFINITY)),
        Some(Number::Text(t)) if t == "-inf" => Ok(Some(f64::NEG_INFINITY)),
        Some(Number::Text(t)) => Err(serde::de::Error::custom(format!("expected a number, null, \"inf\" or \"-inf\", found \"{t}\""))),
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Holder {
        #[serde(with = "super")]
        x: Option<f64>,
    }

    #[test]
    fn infinities_survive_a_round_trip() {
        for x in [Some(f64::INFINITY), Some(f64::NEG_INFINITY), Some(2.5), None] {
            let text = serde_json::to_string(&Holder { x }).unwrap();
            assert_eq!(serde_json::from_str::<Holder>(&text).unwrap(), Holder { x }, "{text}");
        }
        assert_eq!(serde_json::to_string(&Holder { x: Some(f64::INFINITY) }).unwrap(), r#"{"x":"inf"}"#);
        assert!(serde_json::from_str::<Holder>(r#"{"x":"many"}"#).is_err());
    }
}

//! XEP-0060: Publish-Subscribe, version 1.30.0.

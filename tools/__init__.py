"""Build tools: the demo corpus generator (`python -m tools.corpus`) and the demo-model training
(`tools.demo_models`, run by `localize models build-demo`). Nothing here runs in the service."""

"""The model layer: the OpenAI-compatible client (`llm`), the backend that starts or reaches a model
(`backend`), the embedded model and its llama.cpp server (`embedded`, `llama_server`), recorded replies
(`recording`), prompt files (`prompts`) and compact reply schemas (`compact_schema`). It knows nothing of
articles' meaning: it sends messages and validates replies against the schema it is given."""

-- Schema 2: who and where (source, endpoint), how it ended (end_state), the request and
-- the answer (capped; empty when text is not kept), and one definition per token figure
-- (reference tokenizer vs provider usage, what the dollars are priced as).
ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN endpoint TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN end_state TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN query TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN context_json TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN answer_cut INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN text_kept INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN reference_tokenizer TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN optimized_prompt_tokens INTEGER;
ALTER TABLE runs ADD COLUMN answer_tokens INTEGER;
ALTER TABLE runs ADD COLUMN usage_tokenizer TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN priced_as TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN cost_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN savings_note TEXT NOT NULL DEFAULT '';
-- What schema-1 rows can tell: how they ended, the optimized prompt of generated runs
-- (naive minus saved), which tokenizers counted the embedded model's runs, what was priced.
UPDATE runs SET end_state = CASE WHEN complete = 1 THEN 'complete' WHEN error LIKE 'stopped by the user%' THEN 'stopped' ELSE 'failed' END;
UPDATE runs SET optimized_prompt_tokens = naive_prompt_tokens - saved_prompt_tokens WHERE cached = 'none';
UPDATE runs SET reference_tokenizer = 'o200k_base', usage_tokenizer = 'SmolLM2-135M (llama.cpp)', endpoint = 'local' WHERE provider = 'local';
UPDATE runs SET usage_tokenizer = 'reported by the provider' WHERE provider <> 'local' AND usage_source = 'provider';
UPDATE runs SET priced_as = model, cost_basis = 'provider usage' WHERE cost_usd > 0;
UPDATE runs SET savings_note = 'the optimized prompt is longer than the naive one (schema-1 row)' WHERE saved_prompt_tokens < 0;
CREATE INDEX IF NOT EXISTS runs_template ON runs(template_id, cached);
CREATE INDEX IF NOT EXISTS runs_user ON runs("user");

export interface Translation { text: string; detected_source_language: string }

export class DeepL {
  constructor(private readonly key: string = process.env.DEEPL_AUTH_KEY ?? '') {}

  async translate(text: string, target: string): Promise<Translation> {
    const res = await fetch('https://api-free.deepl.com/v2/translate', {
      method: 'POST',
      headers: { Authorization: `DeepL-Auth-Key ${this.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: [text], target_lang: target }),
    });
    const j = (await res.json()) as { translations: Translation[] };
    return j.translations[0];
  }
}

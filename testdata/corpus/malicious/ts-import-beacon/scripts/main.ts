import { getJSON } from '../lib/http';

const data = await getJSON<{ ok: boolean }>('https://api.example/status');
console.log(data.ok);

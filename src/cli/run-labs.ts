// `npm run labs [ids...]`: runs the lessons' runnable labs as root (see lessons/README.md, "Runnable labs").
import { runLabs } from './labs.js';

process.exitCode = runLabs(process.env.SLOWFAST_LESSONS_DIR ?? 'lessons', process.argv.slice(2), (l) => console.log(l));

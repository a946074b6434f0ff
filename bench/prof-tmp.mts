import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadLessons } from '../src/core/lessons/load-lessons.js';
import { syntheticLibrary } from './synthetic.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import { typo } from './stats.js';
const real = loadLessons('lessons').library!;
const lib = syntheticLibrary(real, 10000);
const file = '/tmp/idx10k.json';
let idx: SearchIndex;
if (existsSync(file)) idx = SearchIndex.load(lib, JSON.parse(readFileSync(file, 'utf8')));
else { idx = SearchIndex.build(lib); writeFileSync(file, JSON.stringify(idx.toJSON())); }
const qs = ['kubernetes service', 'vxlan mtu', 'open vswitch flow table', 'iptables nat prerouting', 'rolling update maxsurge','persistent volume claim', 'helm chart values', 'elasticsearch shards', 'tcp time_wait', 'docker bridge network','灰度发布', '存储卷', '三次握手', '负载均衡', '污点与容忍', '容器 docker', 'k8s', 'svc', 'kvm virtio', 'cloud-init nocloud', 'libvirt daemon','start a guest with virsh','xen hypervisor','openstack architecture','tcp sliding window','虚拟化','配置文件挂载 configmap','kubernete'];
const all = [...qs, ...qs.map((q,i)=>typo(q,i))];
for (const q of all) idx.search(q, {locale: /\p{Script=Han}/u.test(q)?'zh':'en'});
const rows: any[] = [];
for (const q of all) { const ts=[]; for (let i=0;i<5;i++){ const t=performance.now(); idx.search(q,{locale:/\p{Script=Han}/u.test(q)?'zh':'en'}); ts.push(performance.now()-t);} rows.push([Math.max(...ts).toFixed(1), Math.min(...ts).toFixed(1), q]); }
rows.sort((a,b)=>Number(b[0])-Number(a[0])); console.log(rows.slice(0,10));
const si: any = idx;
for (const terms of [['open','vswitch','flow','tabl'], ['kubernet','servic'], ['灰度','度发','发布']]) { const t=performance.now(); let n=0; for (let i=0;i<5;i++) n=si.index.score(terms).length; console.log('score', terms, ((performance.now()-t)/5).toFixed(2), 'docs', n); }
for (const w of ['openvswitch','startguest','kubernetesservic','vxaln']) { const t2=performance.now(); for (let i=0;i<5;i++) si.vocabulary.correct(w); console.log('correct', w, ((performance.now()-t2)/5).toFixed(2)); }
console.log('vocab', si.vocabulary.size, 'refs', si.index.refs.length);

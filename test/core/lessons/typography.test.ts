import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixTypography } from '../../../src/cli/lessons-fix-typography.js';
import { checkTypography, fixTypography } from '../../../src/core/lessons/typography.js';

const body = (line: string) => `---\ntitle: 标题\n---\n\n## 为什么重要\n\n${line}\n`;
const messages = (line: string) => checkTypography(body(line)).map((p) => p.message);

describe('Chinese typography: lines that pass', () => {
  it.each([
    ['full-width punctuation', '容器只是进程，内核用命名空间隔离它。'],
    ['a space between Chinese and Latin words and digits', '用 ip netns 创建第 2 个命名空间。'],
    ['inline code with its own punctuation', '运行 `ip -n a addr add 10.0.0.1/24 dev veth0` 即可。'],
    ['a code span holding `key: value`', '在 `image: nginx:1.27` 里写明标签。'],
    ['a version number', '从 Kubernetes 1.24 起移除。'],
    ['a URL in a link', '见 [RFC 9293](https://www.rfc-editor.org/rfc/rfc9293.html)。'],
    ['a bare URL', '文档在 https://kubernetes.io/docs/ 上。'],
    ['a function name with its brackets', '调用 socket() 和 bind() 之后。'],
    ['a man page reference', '见 virsh(1) 手册。'],
    ['the ASCII Q: and A: markers', 'Q: 为什么要三次握手？'],
    ['full-width brackets around Latin', '插件（add-on）负责 DNS。'],
    ['Chinese quotes', '所谓“容器”只是进程。'],
    ['an English abbreviation', '比如 e.g. 这样的缩写。'],
    ['an ordered list marker', '1. 创建命名空间。'],
    ['a formula in Latin', '可用性 = MTBF / (MTBF + MTTR)，即平均无故障时间的占比。'],
    ['a function of two arguments before Chinese punctuation', '未确认的数据最多为 min(cwnd, rwnd)。'],
    ['a man page name pressed against Chinese', '见 tc(8)的手册。'],
    ['a ratio', '9:1 时金丝雀的份额降到 10% 左右。'],
    ['a time of day', '每天 08:00 推送一课。'],
    ['an address with its port', '还能做端口映射（VIP:80 到 RS:8080）。'],
    ['a thousands separator', '最多存 65,536 个地址。'],
    ['a time inside inline code', '用 `/subscribe 08:00 Asia/Shanghai` 订阅。'],
  ])('%s', (_name, line) => {
    expect(messages(line)).toEqual([]);
  });

  it('leaves inline code that crosses a soft line break alone', () => {
    const source = body('例如 `no learned MAC for destination,\nflooding`，然后打印结果。');
    expect(checkTypography(source)).toEqual([]);
    expect(fixTypography(source)).toBe(source);
  });

  it('leaves code blocks and front matter keys alone', () => {
    const source = '---\ntitle: 标题\nkeywords: [a, b]\n---\n\n## 为什么重要\n\n```bash\necho 中文,英文:(a)\n```\n';
    expect(checkTypography(source)).toEqual([]);
  });
});

describe('Chinese typography: lines that fail, and their mechanical fix', () => {
  it.each([
    ['an ASCII comma', '内核不转发,Pod 之间不通。', '内核不转发，Pod 之间不通。', 'ASCII "," in Chinese prose: use "，"'],
    ['an ASCII full stop', '重启后依然有效.', '重启后依然有效。', 'ASCII "." in Chinese prose: use "。"'],
    ['an ASCII colon', '注意:swap 必须关闭。', '注意：swap 必须关闭。', 'ASCII ":" in Chinese prose: use "："'],
    ['an ASCII semicolon', '先建网桥;再连 veth。', '先建网桥；再连 veth。', 'ASCII ";" in Chinese prose: use "；"'],
    ['an ASCII question mark', '为什么要关 swap?', '为什么要关 swap？', 'ASCII "?" in Chinese prose: use "？"'],
    ['an ASCII exclamation mark', '别忘了备份 etcd!', '别忘了备份 etcd！', 'ASCII "!" in Chinese prose: use "！"'],
    ['ASCII brackets around Chinese', 'OpenStack(第 9 课)已经见过。', 'OpenStack（第 9 课）已经见过。', 'ASCII "(" in Chinese prose: use "（"'],
    ['ASCII brackets after Chinese', '再加上一些插件 (add-on) 才好用。', '再加上一些插件（add-on）才好用。', 'ASCII "(" in Chinese prose: use "（"'],
    ['ASCII quotes', '所谓"容器"只是进程。', '所谓“容器”只是进程。', 'ASCII quotes in Chinese prose: use “ ”'],
    ['a comma after Latin, then Chinese', '先装 containerd, 再装 kubelet。', '先装 containerd，再装 kubelet。', 'ASCII "," in Chinese prose: use "，"'],
    ['a comma after inline code', '执行 `swapoff -a`,并删掉条目。', '执行 `swapoff -a`，并删掉条目。', 'ASCII "," in Chinese prose: use "，"'],
    ['a comma between inline code and a Latin word', '模块写进 `/etc/modules-load.d/`,sysctl 写进 `/etc/sysctl.d/`。', '模块写进 `/etc/modules-load.d/`，sysctl 写进 `/etc/sysctl.d/`。', 'ASCII "," in Chinese prose: use "，"'],
    ['a comma between two code spans', '`kubeadm version` 输出 `v1.37.x`,`apt-mark showhold` 列出三个包。', '`kubeadm version` 输出 `v1.37.x`，`apt-mark showhold` 列出三个包。', 'ASCII "," in Chinese prose: use "，"'],
    ['a colon after inline code', '响应都来自 `canary`:Service 只选这一条线。', '响应都来自 `canary`：Service 只选这一条线。', 'ASCII ":" in Chinese prose: use "："'],
    ['a semicolon between two Latin words', '创建一个 ReplicaSet;ReplicaSet 控制器再创建 Pod。', '创建一个 ReplicaSet；ReplicaSet 控制器再创建 Pod。', 'ASCII ";" in Chinese prose: use "；"'],
    ['a comma between two Latin words', '除了 API server,Kubernetes 的组件都不访问 etcd。', '除了 API server，Kubernetes 的组件都不访问 etcd。', 'ASCII "," in Chinese prose: use "，"'],
    ['a semicolon ending a line before inline code', '会删掉 PVC;\n`whenDeleted` 则不会。', '会删掉 PVC；\n`whenDeleted` 则不会。', 'ASCII ";" in Chinese prose: use "；"'],
    ['brackets right after inline code', '`ReadOnlyMany`(ROX)、`ReadWriteMany`。', '`ReadOnlyMany`（ROX）、`ReadWriteMany`。', 'ASCII "(" in Chinese prose: use "（"'],
    ['brackets after Latin, pressed against Chinese', '转发方式是 NAT(masquerade)。', '转发方式是 NAT（masquerade）。', 'ASCII "(" in Chinese prose: use "（"'],
    ['inline code in brackets after Latin', 'StatefulSet API(`apps/v1`)自 1.9 起稳定。', 'StatefulSet API（`apps/v1`）自 1.9 起稳定。', 'ASCII "(" in Chinese prose: use "（"'],
    ['a colon after inline code that crosses a line break', '消息是 `cannot unmarshal bool\ninto string`:`yes` 已是布尔值。', '消息是 `cannot unmarshal bool\ninto string`：`yes` 已是布尔值。', 'ASCII ":" in Chinese prose: use "："'],
    ['an ASCII ellipsis', '命名空间、cgroup、能力...', '命名空间、cgroup、能力……', 'ASCII "..." in Chinese prose: use "……"'],
    ['no space before Latin', '使用kubectl 查看。', '使用 kubectl 查看。', 'no space between "用" and "k": put one space between Chinese and Latin or digits'],
    ['no space after a digit', '第 9课讲过。', '第 9 课讲过。', 'no space between "9" and "课": put one space between Chinese and Latin or digits'],
    ['no space before inline code', '运行`ss -tan`查看。', '运行 `ss -tan` 查看。', 'no space between "行" and "`": put one space between Chinese and Latin or digits'],
    ['no space through bold', '每个**Pod**都有 IP。', '每个 **Pod** 都有 IP。', 'no space between "个" and "P": put one space between Chinese and Latin or digits'],
    ['a space before full-width punctuation', '用 veth ，再连网桥。', '用 veth，再连网桥。', 'space next to "，": full-width punctuation takes no space'],
    ['a space inside full-width quotes', '报 “No valid host” 错误。', '报“No valid host”错误。', 'space next to "“": full-width punctuation takes no space'],
  ])('%s', (_name, bad, good, message) => {
    expect(messages(bad)[0]).toBe(message);
    expect(fixTypography(body(bad))).toBe(body(good));
    expect(messages(good)).toEqual([]);
  });

  it('checks and fixes the title and summary, which learners read', () => {
    const source = '---\ntitle: "Ubuntu 基础:为节点做准备"\nsummary: 准备节点,并理解原因。\nkeywords: [a, b]\n---\n';
    expect(checkTypography(source).map((p) => `${p.line}:${p.column}`)).toEqual(['2:18', '3:14']);
    expect(fixTypography(source)).toBe('---\ntitle: "Ubuntu 基础：为节点做准备"\nsummary: 准备节点，并理解原因。\nkeywords: [a, b]\n---\n');
  });

  it('joins a sentence across a soft line break', () => {
    expect(fixTypography(body('内核不转发数据包,\nPod 之间不通.'))).toBe(body('内核不转发数据包，\nPod 之间不通。'));
  });

  it('reports an unpaired ASCII quote without guessing which side it opens', () => {
    const source = body('所谓"容器只是进程。');
    expect(checkTypography(source)[0]!.message).toBe('ASCII """ in Chinese prose without its pair: use “ ”');
    expect(fixTypography(source)).toBe(source);
  });

  it('gives the line and column of each problem', () => {
    expect(checkTypography(body('甲乙,丙')).map((p) => `${p.line}:${p.column}`)).toEqual(['7:3']);
  });
});

describe('lessons fix-typography', () => {
  it('fixes the zh files in place and says what it did', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-typography-'));
    mkdirSync(join(dir, 'zh'));
    writeFileSync(join(dir, 'zh', '33-ubuntu.md'), body('先装 containerd,再装 kubelet.'));
    writeFileSync(join(dir, 'zh', '34-kubernetes-intro.md'), body('已经正确。'));
    const lines: string[] = [];
    expect(runFixTypography(dir, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['zh/33-ubuntu.md: 2 fixed', '2 Chinese lessons read, 1 changed']);
    expect(readFileSync(join(dir, 'zh', '33-ubuntu.md'), 'utf8')).toBe(body('先装 containerd，再装 kubelet。'));
  });

  it('refuses an id that is not a number', () => {
    const lines: string[] = [];
    expect(runFixTypography('lessons', (l) => lines.push(l), ['x'])).toBe(2);
    expect(lines[0]).toMatch(/^not a lesson number: x/);
  });
});

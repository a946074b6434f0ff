import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n/strings.js';
import { lessonEstimate } from '../../../src/core/views/lesson-view.js';

describe('the estimate and versions under a lesson title', () => {
  it.each<['en' | 'zh', number, string, string]>([
    ['en', 60, 'Linux 6.12, iproute2 6.15', 'About 1 hour · written for Linux 6.12, iproute2 6.15'],
    ['zh', 60, 'Linux 6.12', '约 1 小时 · 适用于 Linux 6.12'],
    ['en', 90, 'Kubernetes 1.34', 'About 1.5 hours · written for Kubernetes 1.34'],
    ['en', 30, 'Linux 6.12', 'About 30 min · written for Linux 6.12'],
    ['en', 60, '', 'About 1 hour'],
  ])('%s, %i minutes, "%s"', (locale, minutes, versions, expected) => {
    expect(lessonEstimate(minutes, versions, translator(locale))).toBe(expected);
  });
});

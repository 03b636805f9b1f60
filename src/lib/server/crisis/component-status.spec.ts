import { describe, expect, it } from 'vitest';
import { componentStatusList, overallIndicator } from './component-status';

describe('the status page component rule', () => {
  it('lists the configured components in their order, all operational when nothing is active', () => {
    expect(componentStatusList(['Website', 'API', 'Payments'], [])).toEqual([
      { name: 'Website', status: 'operational' },
      { name: 'API', status: 'operational' },
      { name: 'Payments', status: 'operational' },
    ]);
    expect(overallIndicator([])).toBe('none');
  });

  it('maps critical to major outage, major to partial outage and minor to degraded performance', () => {
    const list = componentStatusList(['A', 'B', 'C', 'D'], [
      { severity: 'critical', components: ['A'] },
      { severity: 'major', components: ['B'] },
      { severity: 'minor', components: ['C'] },
    ]);
    expect(list.map((c) => c.status)).toEqual(['major_outage', 'partial_outage', 'degraded_performance', 'operational']);
  });

  it('takes the worst active severity when several incidents name one component', () => {
    const list = componentStatusList(['Payments'], [
      { severity: 'minor', components: ['Payments'] },
      { severity: 'critical', components: ['Payments'] },
      { severity: 'major', components: ['Payments'] },
    ]);
    expect(list).toEqual([{ name: 'Payments', status: 'major_outage' }]);
    expect(overallIndicator([{ severity: 'minor', components: [] }, { severity: 'major', components: [] }])).toBe('major');
  });

  it('adds components that only an active incident names, after the configured ones, once each', () => {
    const list = componentStatusList(['Website'], [
      { severity: 'minor', components: ['Mobile app', 'website'] },
      { severity: 'major', components: ['mobile APP ', 'SMS'] },
    ]);
    expect(list).toEqual([
      { name: 'Website', status: 'degraded_performance' },
      { name: 'Mobile app', status: 'partial_outage' },
      { name: 'SMS', status: 'partial_outage' },
    ]);
  });

  it('matches names regardless of case, surrounding space and Unicode composition, showing the configured spelling', () => {
    const decomposed = 'Płatności'.normalize('NFD');
    expect(componentStatusList(['Płatności'], [{ severity: 'critical', components: [` ${decomposed.toUpperCase()} `] }])).toEqual([
      { name: 'Płatności', status: 'major_outage' },
    ]);
  });

  it('ignores blank names and duplicate configured entries', () => {
    expect(componentStatusList(['API', ' api', ''], [{ severity: 'minor', components: ['  '] }])).toEqual([{ name: 'API', status: 'operational' }]);
  });
});

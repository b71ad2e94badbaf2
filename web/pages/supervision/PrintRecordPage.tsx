import { useEffect, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { personsApi } from '../../api/persons';
import { keys } from '../../api/keys';
import { supervisionApi, supervisionKeys } from '../../api/supervision';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useMe } from '../../api/me';
import { PageSpin } from '../../components/PageSpin';
import { formatTime } from '../../components/format';
import { codesOf, type LabelList } from '../../../core/labels';
import './print.css';

/**
 * 打印: a record as the paper form of the file cabinet (JOURNEYS 1), on A4: the person (ID
 * masked), unit, date, place, worker, the form's fields with every choice shown ticked or not,
 * and the signature lines.
 */
export default function PrintRecordPage() {
  const { personId = '', recordId = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const demo = useMe().data?.demo ?? false;
  const person = useQuery({ queryKey: keys.person(personId), queryFn: () => personsApi.get(personId) });
  const record = useQuery({ queryKey: [...supervisionKeys.records(personId), 'one', recordId], queryFn: () => supervisionApi.record(personId, recordId) });
  const r = record.data;
  const p = person.data;
  const title: MessageKey = r?.kind === 'drug_test' ? 'sv.print.testTitle' : r?.kind === 'check_in' ? 'sv.print.checkInTitle' : 'sv.print.visitTitle';

  useEffect(() => {
    if (!r || !p) return;
    const before = document.title;
    document.title = `${t(title)}-${p.name}-${r.date}`;
    return () => {
      document.title = before;
    };
  }, [r, p, t, title]);

  if (person.isPending || record.isPending) return <PageSpin />;
  if (person.isError || record.isError || !r || !p) {
    const err = person.error ?? record.error;
    return (
      <Result
        status="404"
        title={err instanceof ApiError ? pick(err.messages) : t('sv.print.notFound')}
        extra={<Button onClick={() => navigate(`/persons/${personId}?tab=supervision`)}>{t('sv.print.back')}</Button>}
      />
    );
  }

  const box = (on: boolean) => (on ? '☑' : '☐');
  const choices = (list: LabelList, chosen: readonly string[], note?: string | null): ReactNode => (
    <>
      <div className="sv-choices">
        {codesOf(list).map((c) => (
          <span key={c}>
            {box(chosen.includes(c))} {label(list, c)}
          </span>
        ))}
      </div>
      {note && <div className="sv-choice-note">{note}</div>}
    </>
  );
  const row = (th: string, td: ReactNode, tall = false) => (
    <tr key={th}>
      <th>{th}</th>
      <td colSpan={3} className={tall ? 'sv-tall' : undefined}>
        {td}
      </td>
    </tr>
  );
  const d = r.drugTest;
  const f = r.form;
  const signatures: MessageKey[] =
    r.kind === 'drug_test'
      ? ['sv.print.signPerson', 'sv.print.signTester', 'sv.print.signWitness', 'sv.print.signDate']
      : ['sv.print.signPerson', 'sv.print.signWorker', 'sv.print.stamp', 'sv.print.signDate'];

  return (
    <div className="sv-print-page">
      <div className="sv-print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/persons/${personId}?tab=supervision`)}>
          {t('sv.print.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('sv.print.print')}
        </Button>
      </div>
      <article className="sv-sheet" data-testid="print-sheet">
        {demo && (
          <div className="sv-demo-mark" data-testid="print-demo-mark">
            {t('header.demo')}
          </div>
        )}
        <h1>{t(title)}</h1>
        <div className="sv-sheet-meta">
          <span>
            {t('sv.print.unit')}
            {t('common.colon')}
            {p.orgUnitName}
          </span>
          <span>
            {t('sv.print.recordedAt')}
            {t('common.colon')}
            {formatTime(r.recordedAt, lang)}
          </span>
        </div>
        <table className="sv-form">
          <tbody>
            <tr>
              <th>{t('sv.print.name')}</th>
              <td>{p.name}</td>
              <th>{t('sv.print.sex')}</th>
              <td>{label('sex', p.sex)}</td>
            </tr>
            <tr>
              <th>{t('sv.print.idNumber')}</th>
              <td colSpan={3}>{p.idNumber}</td>
            </tr>
            <tr>
              <th>{t('sv.print.unit')}</th>
              <td>{p.orgUnitName}</td>
              <th>{t('sv.print.measure')}</th>
              <td>{label('measureKind', p.currentMeasureKind)}</td>
            </tr>
            <tr>
              <th>{t('sv.print.date')}</th>
              <td>{r.date}</td>
              <th>{t('sv.print.kind')}</th>
              <td>{label('recordKind', r.kind)}</td>
            </tr>
            {row(t('sv.print.place'), r.place)}
            {d && (
              <>
                {row(t('sv.record.sample'), choices('testSample', [d.sample]))}
                {row(t('sv.record.method'), choices('testMethod', [d.method]))}
                {row(t('sv.record.result'), choices('testResult', [d.result]))}
                <tr>
                  <th>{t('sv.print.random')}</th>
                  <td>{d.random ? t('sv.print.yes') : t('sv.print.no')}</td>
                  <th>{t('sv.print.retest')}</th>
                  <td>{d.retestOf ? t('sv.print.yes') : t('sv.print.no')}</td>
                </tr>
                <tr>
                  <th>{t('sv.record.tester')}</th>
                  <td>{d.tester ?? ''}</td>
                  <th>{t('sv.print.worker')}</th>
                  <td>{r.recordedByName ?? ''}</td>
                </tr>
              </>
            )}
            {f && (
              <>
                {row(t('sv.print.contactMode'), choices('contactMode', r.contactMode ? [r.contactMode] : []))}
                {row(t('sv.record.living'), choices('livingSituation', [f.livingSituation], f.livingNote))}
                {row(t('sv.record.employment'), choices('employmentSituation', [f.employment], f.employmentNote))}
                {row(t('sv.record.family'), choices('familySituation', [f.family], f.familyNote))}
                {row(t('sv.record.health'), choices('health', [f.health], f.healthNote))}
                {row(t('sv.record.mood'), choices('mood', [f.mood]))}
                {row(t('sv.record.warningSigns'), choices('visitWarningSign', f.warningSigns))}
                {row(t('sv.record.needs'), choices('assistanceNeed', f.needs, f.needsNote))}
                {row(t('sv.record.nextStep'), choices('nextStep', [f.nextStep], f.nextStepNote))}
                {row(t('sv.print.worker'), r.recordedByName ?? '')}
              </>
            )}
            {!d && !f && row(t('sv.print.worker'), r.recordedByName ?? '')}
            {row(t('sv.print.note'), r.note ?? '', true)}
          </tbody>
        </table>
        <div className="sv-signatures">
          {signatures.map((s) => (
            <div key={s} className="sv-sign">
              <span>
                {t(s)}
                {t('common.colon')}
              </span>
              <span />
            </div>
          ))}
        </div>
        <footer>{t('sv.print.footer', { id: r.id })}</footer>
      </article>
    </div>
  );
}

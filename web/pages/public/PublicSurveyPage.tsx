import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Radio, Result, Select, Space, Typography } from 'antd';
import type { AudienceSegment } from '../../../core/contracts/prevention';
import { publicApi } from '../../api/public';
import { ApiError } from '../../api/client';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { PublicShell } from './PublicShell';

const SCALE = [1, 2, 3, 4, 5];
const scaleKey = (v: number) => `pub.scale.${v}` as 'pub.scale.1';

/** A resident answers a survey through its public link: no sign-in, no personal data (issue 16 item 4). */
export default function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t, pick } = useI18n();
  const label = useLabel();
  const q = useQuery({ queryKey: ['public-survey', token], queryFn: () => publicApi.survey(token), retry: false });
  const [answers, setAnswers] = useState<Record<number, number[]>>({});
  const [audience, setAudience] = useState<AudienceSegment | undefined>();
  const send = useMutation({ mutationFn: () => publicApi.answer(token, { audience, answers: (q.data?.questions ?? []).map((_x, i) => answers[i] ?? []) }) });
  const s = q.data;
  if (q.isError) return <PublicShell title={t('pub.survey')}>{<Result status="404" subTitle={t('pub.survey.missing')} />}</PublicShell>;
  if (!s) return <PublicShell title={t('pub.survey')}>{null}</PublicShell>;
  if (send.isSuccess)
    return (
      <PublicShell title={s.title}>
        <Result status="success" title={t('pub.survey.thanks')} />
      </PublicShell>
    );
  const complete = s.questions.every((_x, i) => (answers[i] ?? []).length > 0);
  const err = send.error instanceof ApiError ? send.error : null;
  return (
    <PublicShell title={s.title}>
      <Typography.Paragraph type="secondary">{s.orgUnitName}</Typography.Paragraph>
      {s.intro && <Typography.Paragraph>{s.intro}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t('pub.survey.anonymous')}</Typography.Paragraph>
      {!s.open && <Alert type="warning" showIcon message={t('pub.survey.closed')} />}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {s.audiences.length > 0 && (
          <Card size="small" title={t('pub.survey.audience')}>
            <Select
              aria-label={t('pub.survey.audience')}
              style={{ width: '100%' }}
              allowClear
              value={audience}
              onChange={setAudience}
              options={s.audiences.map((a) => ({ value: a, label: label('audienceSegment', a) }))}
            />
          </Card>
        )}
        {s.questions.map((x, i) => (
          <Card key={i} size="small" title={`${i + 1}. ${x.text}`} data-testid={`question-${i}`} styles={{ header: { whiteSpace: 'normal' } }}>
            {x.kind === 'multiple' ? (
              <Checkbox.Group value={answers[i] ?? []} onChange={(v) => setAnswers({ ...answers, [i]: v as number[] })}>
                <Flex vertical gap={8}>
                  {x.options.map((o, j) => (
                    <Checkbox key={j} value={j}>
                      {o}
                    </Checkbox>
                  ))}
                </Flex>
              </Checkbox.Group>
            ) : (
              <Radio.Group value={answers[i]?.[0]} onChange={(e) => setAnswers({ ...answers, [i]: [e.target.value as number] })}>
                <Flex vertical={x.kind !== 'satisfaction'} gap={8} wrap>
                  {(x.kind === 'satisfaction' ? SCALE : x.options.map((_o, j) => j)).map((v) => (
                    <Radio key={v} value={v}>
                      {x.kind === 'satisfaction' ? t(scaleKey(v)) : x.options[v]}
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            )}
          </Card>
        ))}
        {err && <Alert type="error" showIcon message={err.fields.length ? err.fields.map((f) => pick(f.message)).join('; ') : pick(err.messages)} />}
        <Button type="primary" size="large" block disabled={!s.open || !complete} loading={send.isPending} onClick={() => send.mutate()}>
          {t('pub.survey.submit')}
        </Button>
      </Space>
    </PublicShell>
  );
}

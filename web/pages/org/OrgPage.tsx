import { useState } from 'react';
import { Card, Col, Empty, Result, Row } from 'antd';
import { useOrgUnits } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { ApiError } from '../../api/client';
import { OrgTreeCard } from './OrgTreeCard';
import { OrgDetail } from './OrgDetail';

export default function OrgPage() {
  const { t, pick } = useI18n();
  const units = useOrgUnits();
  const [selected, setSelected] = useState<string | null>(null);
  if (units.isPending) return <PageSpin />;
  if (units.isError) return <Result status="error" title={units.error instanceof ApiError ? pick(units.error.messages) : t('common.loadFailed')} />;
  const unit = units.data.find((u) => u.id === selected);
  return (
    <>
      <PageHeader title={t('org.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xl={10}>
          <OrgTreeCard units={units.data} selected={selected} onSelect={setSelected} />
        </Col>
        <Col xs={24} lg={13} xl={14}>
          {unit ? (
            <OrgDetail key={unit.id} unit={unit} units={units.data} onSelect={setSelected} />
          ) : (
            <Card>
              <Empty description={t('org.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

import type { ReactNode } from 'react';
import { Col, Form, Input, Row } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { DictSelect } from '../../components/DictSelect';
import { checkResidentId, idErrorKey } from './idNumber';

interface Props {
  /** Editing a file: the identity is fixed (one person, one file). */
  editing: boolean;
  /** Masked values on file, when the clear ones are not at hand: the fields start empty and empty keeps them. */
  masked?: { phone: string | null; registeredAddress: string | null; residenceAddress: string | null };
  /** Under the ID number: whether a file already exists. */
  notice?: ReactNode;
}

const phonePattern = /^[0-9+\- ]{5,20}$/;

/** 证件与联系方式: the ID document, checked as it is typed (GB 11643), phone and addresses. */
export function PersonIdFields({ editing, masked, notice }: Props) {
  const { t } = useI18n();
  const keep = (v: string | null | undefined) => (v ? t('person.keepMasked', { value: v }) : undefined);
  return (
    <Row gutter={12}>
      <Col xs={24} sm={10}>
        <Form.Item name="idType" label={t('person.idType')} rules={[{ required: true, message: t('common.required') }]}>
          <DictSelect kind="id_type" allowClear={false} disabled={editing} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item
          name="idNumber"
          label={t('persons.idNumber')}
          dependencies={['idType']}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string) => {
                if (editing || getFieldValue('idType') !== 'resident_id' || !value) return;
                const r = checkResidentId(value);
                if (!r.ok) throw new Error(t(idErrorKey(r)));
              },
            }),
          ]}
          extra={notice}
        >
          <Input maxLength={30} autoComplete="off" disabled={editing} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={10}>
        <Form.Item name="phone" label={t('person.phone')} extra={keep(masked?.phone)} rules={[{ pattern: phonePattern, message: t('person.phoneInvalid') }]}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" placeholder={masked?.phone ?? undefined} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item name="registeredAddress" label={t('person.registeredAddress')} extra={keep(masked?.registeredAddress)}>
          <Input maxLength={200} autoComplete="off" placeholder={masked?.registeredAddress ?? undefined} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="residenceAddress" label={t('person.residenceAddress')} extra={keep(masked?.residenceAddress)}>
          <Input maxLength={200} autoComplete="off" placeholder={masked?.residenceAddress ?? undefined} />
        </Form.Item>
      </Col>
    </Row>
  );
}

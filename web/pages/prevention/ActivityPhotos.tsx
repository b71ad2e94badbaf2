import { useState } from 'react';
import { Alert, Button, Checkbox, Flex, Image, Modal, Popconfirm, Radio, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { activityPhotoMimeTypes, maxPhotosPerActivity, photoConsents, type PhotoConsent } from '../../../core/contracts/prevention';
import { preventionApi, preventionKeys, type PublicityView } from '../../api/prevention';
import { useCan } from '../../api/me';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const TAP = { minWidth: 44, minHeight: 44 };

/**
 * An activity's photos (issue 16 item 1): thumbnails, a phone-friendly picker (the camera on a
 * phone), the consent for recognisable people and the no-measured-person confirmation, delete.
 */
export function ActivityPhotos({ activity, onClose }: { activity: Pick<PublicityView, 'id' | 'title'> | null; onClose: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const can = useCan();
  const qc = useQueryClient();
  const [consent, setConsent] = useState<PhotoConsent | undefined>();
  const [confirmed, setConfirmed] = useState(false);
  const id = activity?.id ?? '';
  const photos = useQuery({ queryKey: preventionKeys.photos(id), queryFn: () => preventionApi.photos(id), enabled: !!activity });
  const refresh = () => void qc.invalidateQueries({ queryKey: preventionKeys.photos(id) });
  const upload = useMutation({
    mutationFn: (file: File) => preventionApi.uploadPhoto(id, { consent: consent!, noMeasuredPerson: confirmed }, file),
    onSuccess: () => {
      notify.success(t('pv.photos.uploaded'));
      refresh();
    },
    onError: (err) => notify.error(err),
  });
  const remove = useMutation({
    mutationFn: (photoId: string) => preventionApi.deletePhoto(photoId),
    onSuccess: () => {
      notify.success(t('pv.photos.deleted'));
      refresh();
    },
    onError: (err) => notify.error(err),
  });
  const items = photos.data?.items ?? [];
  const full = items.length >= maxPhotosPerActivity;
  const ready = !!consent && confirmed;
  const writable = can('prevention.write');
  return (
    <Modal open={!!activity} title={t('pv.photos.title', { title: activity?.title ?? '' })} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {t('pv.photos.count', { n: items.length, max: maxPhotosPerActivity })} · {t('pv.photos.hint', { max: maxPhotosPerActivity })}
      </Typography.Paragraph>
      {writable && !full && (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('pv.photos.consent')}</Typography.Text>
          <Radio.Group value={consent} onChange={(e) => setConsent(e.target.value as PhotoConsent)} data-testid="photo-consent">
            <Flex vertical>
              {photoConsents.map((c) => (
                <Radio key={c} value={c} style={{ minHeight: 44, alignItems: 'center' }}>
                  {t(`pv.photos.consent.${c}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} style={{ minHeight: 44, alignItems: 'center' }} data-testid="photo-no-measured-person">
            {t('pv.photos.noMeasuredPerson')}
          </Checkbox>
          {!ready && <Alert type="info" showIcon message={t('pv.photos.confirmFirst')} />}
          <Upload
            accept={activityPhotoMimeTypes.join(',')}
            showUploadList={false}
            disabled={!ready || upload.isPending}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button size="large" icon={<CameraOutlined />} disabled={!ready} loading={upload.isPending} style={TAP} data-testid="photo-pick">
              {t('pv.photos.pick')}
            </Button>
          </Upload>
        </Flex>
      )}
      {items.length === 0 && !photos.isFetching && <Typography.Text type="secondary">{t('pv.photos.empty')}</Typography.Text>}
      <Image.PreviewGroup>
        <Flex wrap gap={8} data-testid="photo-thumbnails">
          {items.map((p) => (
            <Flex key={p.id} vertical align="center" gap={4}>
              <Image
                src={preventionApi.photoUrl(p.id)}
                width={96}
                height={96}
                style={{ objectFit: 'cover' }}
                alt={t(`pv.photos.consent.${p.consent}`)}
                data-testid="photo-thumbnail"
              />
              {writable && (
                <Popconfirm title={t('pv.photos.deleteConfirm')} onConfirm={() => remove.mutateAsync(p.id).catch(() => undefined)}>
                  <Button danger size="large" icon={<DeleteOutlined />} aria-label={t('pv.photos.delete')} style={TAP} />
                </Popconfirm>
              )}
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
    </Modal>
  );
}

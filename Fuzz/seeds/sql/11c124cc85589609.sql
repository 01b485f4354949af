      SELECT *
      FROM cloudtrail_logs_allregion
      WHERE (requestparameters LIKE '%dev-web01%')
              AND region = 'ap-northeast-1'
              AND YEAR = '2019'
              AND MONTH = '01'
              AND DAY = '02'
      ORDER BY  eventtime ASC LIMIT 10;